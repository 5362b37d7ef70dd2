#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Natural logarithm (libm), exposed for inlinable code in this module.
@usableFromInline func _log(_ x: Double) -> Double { log(x) }
/// e^x (libm).
@usableFromInline func _exp(_ x: Double) -> Double { exp(x) }
/// ln Γ(x) for x > 0 (libm).
@usableFromInline func _lgamma(_ x: Double) -> Double { lgamma(x) }
