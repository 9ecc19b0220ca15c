import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Checks, before a layout, that the fonts a diagram names are the fonts Graphviz will measure.
///
/// Node sizes, and with them every position in a layout, come from the text metrics of the font
/// Graphviz's pango plugin loads through fontconfig. When the named font is missing, fontconfig
/// quietly substitutes another one (on a machine with only DejaVu installed, `fc-match Helvetica`
/// answers DejaVu Sans), and without the pango plugin Graphviz estimates widths from built-in
/// tables: either way the diagram changes without a word. Both cases are errors here instead.
///
/// fontconfig is loaded with `dlopen` (`libfontconfig.so.1`, which Graphviz's pango plugin itself
/// depends on), so building ActorGraph needs no fontconfig headers. Answers are cached per family
/// for the life of the process.
enum FontCheck {
    /// A family fontconfig could not resolve to itself, or a missing text-layout plugin.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var resolved: [String: String?] = [:]

    /// Throws unless every family in `families` resolves to a font of that family.
    static func require(_ families: some Sequence<String>) throws {
        for family in Set(families) where !family.isEmpty {
            let got = resolvedFamily(family)
            guard let got else {
                throw Failure(description: """
                    the font "\(family)" could not be looked up: fontconfig (libfontconfig.so.1) is not available, \
                    so the layout would be measured with other metrics. Install fontconfig and the font \
                    (on Debian: apt-get install fontconfig fonts-dejavu-core)
                    """)
            }
            if normalised(got) != normalised(family) {
                throw Failure(description: """
                    the theme's font "\(family)" is not installed (fontconfig offers "\(got)" instead), so the layout \
                    would be measured with another font's metrics and differ from machine to machine. Install it \
                    (for DejaVu Sans on Debian: apt-get install fonts-dejavu-core) and run fc-cache
                    """)
            }
        }
    }

    private static func normalised(_ family: String) -> String {
        family.lowercased().filter { !$0.isWhitespace && $0 != "-" }
    }

    /// The family of the font fontconfig picks for `family` (as `fc-match` does), or nil when
    /// fontconfig cannot be loaded.
    static func resolvedFamily(_ family: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        if let known = resolved[family] { return known }
        let answer = FontConfig.shared?.match(family)
        resolved[family] = .some(answer)
        return answer
    }
}

/// The few fontconfig calls `fc-match` makes, through `dlopen`.
private struct FontConfig: @unchecked Sendable {
    typealias InitFn = @convention(c) () -> Int32
    typealias NameParseFn = @convention(c) (UnsafePointer<UInt8>) -> OpaquePointer?
    typealias ConfigSubstituteFn = @convention(c) (OpaquePointer?, OpaquePointer?, Int32) -> Int32
    typealias DefaultSubstituteFn = @convention(c) (OpaquePointer?) -> Void
    typealias FontMatchFn = @convention(c) (OpaquePointer?, OpaquePointer?, UnsafeMutablePointer<Int32>) -> OpaquePointer?
    typealias PatternGetStringFn = @convention(c) (OpaquePointer?, UnsafePointer<CChar>, Int32,
                                                   UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>) -> Int32
    typealias PatternDestroyFn = @convention(c) (OpaquePointer?) -> Void

    let nameParse: NameParseFn
    let configSubstitute: ConfigSubstituteFn
    let defaultSubstitute: DefaultSubstituteFn
    let fontMatch: FontMatchFn
    let patternGetString: PatternGetStringFn
    let patternDestroy: PatternDestroyFn

    static let shared: FontConfig? = FontConfig()

    private init?() {
        guard let handle = dlopen("libfontconfig.so.1", RTLD_NOW | RTLD_GLOBAL) else { return nil }
        func symbol<T>(_ name: String, as: T.Type) -> T? {
            dlsym(handle, name).map { unsafeBitCast($0, to: T.self) }
        }
        guard let initialise = symbol("FcInit", as: InitFn.self),
              let nameParse = symbol("FcNameParse", as: NameParseFn.self),
              let configSubstitute = symbol("FcConfigSubstitute", as: ConfigSubstituteFn.self),
              let defaultSubstitute = symbol("FcDefaultSubstitute", as: DefaultSubstituteFn.self),
              let fontMatch = symbol("FcFontMatch", as: FontMatchFn.self),
              let patternGetString = symbol("FcPatternGetString", as: PatternGetStringFn.self),
              let patternDestroy = symbol("FcPatternDestroy", as: PatternDestroyFn.self),
              initialise() != 0
        else { return nil }
        self.nameParse = nameParse
        self.configSubstitute = configSubstitute
        self.defaultSubstitute = defaultSubstitute
        self.fontMatch = fontMatch
        self.patternGetString = patternGetString
        self.patternDestroy = patternDestroy
    }

    /// `fc-match FAMILY`'s family, or nil when nothing matches.
    func match(_ family: String) -> String? {
        // FcNameParse reads `-`, `:` and `,` as syntax; a family name is escaped with `\`.
        var escaped = ""
        for c in family {
            if "\\-:,".contains(c) { escaped.append("\\") }
            escaped.append(c)
        }
        let pattern = escaped.withCString { $0.withMemoryRebound(to: UInt8.self, capacity: escaped.utf8.count + 1) { nameParse($0) } }
        guard let pattern else { return nil }
        defer { patternDestroy(pattern) }
        _ = configSubstitute(nil, pattern, 0)  // FcMatchPattern
        defaultSubstitute(pattern)
        var result: Int32 = 0
        guard let font = fontMatch(nil, pattern, &result) else { return nil }
        defer { patternDestroy(font) }
        var value: UnsafeMutablePointer<UInt8>?
        guard patternGetString(font, "family", 0, &value) == 0, let value else { return nil }
        return String(cString: value)
    }
}
