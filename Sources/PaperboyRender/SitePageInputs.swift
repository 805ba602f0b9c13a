import PaperboyCore
import PaperboySite

/// What every page shows of the site: `site.yml` and the topics' names (each card names its
/// topics). Pages read the site only through this value, made once per build; its digest is
/// part of every page's fingerprint.
package struct SitePageInputs: PageInputs {
    package struct TopicName: Sendable {
        package let slug: String
        package let name: String
    }

    let title: String
    let description: String
    let language: String
    let author: String
    /// The absolute URL of the site's root (canonical links).
    let baseURL: String
    /// Its path (the 404 page's links).
    let basePath: String
    /// In the model's topic order.
    let topicNames: [TopicName]

    init(_ model: SiteModel) {
        let site = model.site
        title = site.title
        description = site.description
        language = site.language
        author = site.author
        baseURL = site.baseURL
        basePath = site.basePath
        topicNames = model.topics.map { TopicName(slug: $0.slug, name: $0.name) }
    }

    package func digest(into digest: inout Digest) {
        digest.add([title, description, language, author, baseURL, basePath])
        digest.add(topicNames.count)
        for topic in topicNames {
            digest.add(topic.slug)
            digest.add(topic.name)
        }
    }

    /// The absolute URL of a site path (`papers/x/` -> `https://example.org/archive/papers/x/`).
    func absoluteURL(_ path: String) -> String { baseURL + path }
}
