import FuzzCommon

/// libFuzzer's entry point: one input through the GEXF reader, with FuzzReader's checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGEXF(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzReader.gexf.fuzz(start, count)
}
