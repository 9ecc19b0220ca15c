import FuzzCommon

/// libFuzzer's entry point: one input through the CSV reader, with FuzzReader's checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzReader.csv.fuzz(start, count)
}
