import FuzzCommon

/// libFuzzer's entry point: one input through the YAML reader, with FuzzReader's checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzReader.yaml.fuzz(start, count)
}
