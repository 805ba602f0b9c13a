import Foundation
import PackagePlugin

/// Embeds the default theme (`Templates/`) and the default topic rules (`Content/topics.yml`)
/// into the target it is applied to: the binary then builds a site with no Templates folder of
/// its own. The tool walks the folder when it runs; its inputs are every file and folder there,
/// so a changed, added or removed file embeds again.
@main
struct EmbedDefaults: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let templates = root.appendingPathComponent("Templates")
        var inputs = [root.appendingPathComponent("Content/topics.yml"), templates]
        if let walker = FileManager.default.enumerator(at: templates, includingPropertiesForKeys: nil) {
            for case let url as URL in walker { inputs.append(url) }
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding the default templates and topics",
                executable: try context.tool(named: "paperboy-embed").url,
                arguments: [output.path, root.path],
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
