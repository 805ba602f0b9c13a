import PaperboyContent
import PaperboyCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bytes that stay where they are while readers on both cores look at parts of them: a file
/// mapped into memory (``FileIO/map(_:populate:)``) or a copy of an array.
///
/// A cache file is mapped rather than read: reading 240 MB costs the kernel a copy into fresh
/// zeroed memory (0.11 s here), mapping it shares the pages it already has (0.02 s).
final class ByteBuffer: ByteStorage, @unchecked Sendable {
    /// Valid only while this buffer lives: a reader keeps the buffer, not just these.
    let bytes: UnsafeRawBufferPointer
    private let release: @Sendable (UnsafeRawBufferPointer) -> Void

    init(bytes: UnsafeRawBufferPointer, release: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) {
        self.bytes = bytes
        self.release = release
    }

    /// A copy of `array`.
    convenience init(_ array: [UInt8]) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: array.count, alignment: 1)
        copy.copyBytes(from: array)
        self.init(bytes: UnsafeRawBufferPointer(copy)) { $0.deallocate() }
    }

    var count: Int { bytes.count }

    /// A copy of the bytes as an array.
    var array: [UInt8] { withExtendedLifetime(self) { Array(bytes) } }

    deinit { release(bytes) }
}

extension FileIO {
    /// The file's bytes, mapped read-only, or nil when it cannot be (missing, not a regular file).
    ///
    /// Only for files Paperboy replaces by renaming a new one over them (its caches): a file
    /// cut short in place while mapped would fault on the lost pages. `populate` maps every
    /// page at once, for a caller that reads all of them.
    static func map(_ path: String, populate: Bool) -> ByteBuffer? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        if size == 0 { return ByteBuffer([]) }
        #if os(Linux)
            let flags = MAP_PRIVATE | (populate ? MAP_POPULATE : 0)
        #else
            let flags = MAP_PRIVATE
        #endif
        guard let address = mmap(nil, size, PROT_READ, flags, fd, 0), address != MAP_FAILED else { return nil }
        return ByteBuffer(bytes: UnsafeRawBufferPointer(start: address, count: size)) { bytes in
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        }
    }
}
