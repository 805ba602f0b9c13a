/// Paperboy's version, printed by `paperboy --version`.
public enum PaperboyVersion {
    public static let current = "0.1.0"
}
