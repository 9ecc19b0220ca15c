import FuzzCommon

/// libFuzzer's entry point: one input through the EdgeList reader, with FuzzReader's checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEdgeList(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzReader.edgeList.fuzz(start, count)
}
