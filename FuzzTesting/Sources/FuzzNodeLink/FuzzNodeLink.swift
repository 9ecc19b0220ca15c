import FuzzCommon

/// libFuzzer's entry point: one input through the NodeLink reader, with FuzzReader's checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNodeLink(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzReader.nodeLink.fuzz(start, count)
}
