import Dispatch

/// Hands the last reference to a large value to a background thread, so that freeing it (for a
/// city-sized array of features: hundreds of thousands of small allocations, a good part of a
/// second) overlaps with the caller's next step instead of delaying it. Purely a matter of
/// timing: the value is not used again.
public enum BackgroundRelease {
    public static func drop<T: Sendable>(_ value: consuming T) {
        let box = ReleaseBox(value)
        DispatchQueue.global(qos: .utility).async { box.release() }
    }
}

private final class ReleaseBox<T: Sendable>: @unchecked Sendable {
    private var value: T?
    init(_ value: T) { self.value = value }
    func release() { value = nil }
}
