import FuzzCommon

/// libFuzzer's entry point: one input through the Pajek reader, with FuzzReader's checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPajek(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzReader.pajek.fuzz(start, count)
}
