import FuzzCommon

/// libFuzzer's entry point: one input through the JSON reader, with FuzzReader's checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzReader.json.fuzz(start, count)
}
