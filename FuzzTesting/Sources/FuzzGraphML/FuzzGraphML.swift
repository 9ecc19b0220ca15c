import FuzzCommon

/// libFuzzer's entry point: one input through the GraphML reader, with FuzzReader's checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGraphML(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzReader.graphml.fuzz(start, count)
}
