import PaperboyCore
import PaperboySite

/// What the renderer digests once, when it is made: the part of every page's fingerprint
/// (see ``PageRenderer/fingerprint(_:sitePath:)``) that all pages share.
extension PageRenderer {
    /// What every page depends on: templates, the binary, site.yml and the topics' names.
    static func baseDigest(model: SiteModel, templates: TemplateLibrary) -> UInt64 {
        var digest = Digest()
        digest.add(templates.fingerprint)
        let site = model.site
        digest.add([site.title, site.description, site.language, site.author, site.baseURL, site.basePath])
        for topic in model.topics {
            digest.add(topic.slug)
            digest.add(topic.name)
        }
        return digest.value
    }
}
