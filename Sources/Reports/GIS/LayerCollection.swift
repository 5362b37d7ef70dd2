import Foundation
import GeoCore
import Synchronization

/// The layers an output folder's writer produces while the output is really a database
/// (`PG:...`): `AtomicOutput.writeDirectory` runs the writer with a collector and hands the
/// layers to `PostGISExport`; `LayerExport` adds every layer it is asked to write (first of a
/// name wins: a run writes each layer as GeoJSON and into its GeoPackage).
public final class LayerCollection: Sendable {
    private let state = Mutex<(layers: [FeatureLayer], names: Set<String>, loc: Loc)>(([], [], .en))

    init() {}

    /// The collector of the output being written, if it goes to a database.
    @TaskLocal static var current: LayerCollection?
    /// True while an output folder is being written (its layers follow `OutputRouting`).
    @TaskLocal static var inFolder = false

    func add(_ layer: FeatureLayer) {
        state.withLock { s in
            if s.names.insert(layer.name).inserted { s.layers.append(layer) }
        }
    }

    /// Language of the style legends (a run's report language).
    var loc: Loc {
        get { state.withLock { $0.loc } }
        set { state.withLock { $0.loc = newValue } }
    }

    var layers: [FeatureLayer] { state.withLock { $0.layers } }
}
