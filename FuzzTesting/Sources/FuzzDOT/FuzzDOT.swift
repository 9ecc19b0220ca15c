import FuzzCommon

/// libFuzzer's entry point: one input through the DOT reader, with FuzzReader's checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDOT(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzReader.dot.fuzz(start, count)
}
