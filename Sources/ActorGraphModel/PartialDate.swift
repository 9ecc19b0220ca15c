/// A calendar date known to the year, the month or the day: `2009`, `2009-06`, `2010-01-07`.
///
/// Reporting rarely gives exact days. A partial date stands for the whole period it names:
/// `2009-06` is every day of June 2009. ``firstDay`` and ``lastDay`` give the period's bounds,
/// which is how spans (`since` / `until`) are compared: a relation with `since: 2009-06` holds
/// from June 1, one with `until: 2009-06` holds through June 30.
///
/// Ordering compares the first day, then the precision (a year sorts before its first month).
public struct PartialDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The year, 1…9999.
    public let year: Int
    /// The month, 1…12, when known.
    public let month: Int?
    /// The day of the month, when known (only together with `month`).
    public let day: Int?

    /// Creates a date, or returns nil when the fields do not name a real calendar day.
    ///
    /// - Complexity: O(1).
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month {
            guard (1...12).contains(month) else { return nil }
            if let day {
                guard (1...PartialDate.daysIn(month: month, year: year)).contains(day) else { return nil }
            }
        } else if day != nil {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The reason `text` is not a partial date, or nil when it is one.
    ///
    /// - Complexity: O(`text.count`).
    public static func problem(parsing text: String) -> String? {
        switch parse(text) {
        case .success: return nil
        case .failure(let why): return why.message
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    ///
    /// - Complexity: O(`text.count`).
    public init?(_ text: String) {
        guard case .success(let date) = PartialDate.parse(text) else { return nil }
        self = date
    }

    /// A parse failure with a message a person can act on.
    public struct ParseFailure: Error, Sendable, Equatable {
        /// What is wrong and how to write it instead.
        public let message: String
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, explaining any failure.
    ///
    /// - Complexity: O(`text.count`).
    public static func parse(_ text: String) -> Result<PartialDate, ParseFailure> {
        let year: Int, month: Int?, day: Int?
        if let digits = asciiDigits(text) {
            (year, month, day) = digits
        } else {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            let shapeOK = (1...3).contains(parts.count)
                && parts[0].count == 4
                && parts.dropFirst().allSatisfy { $0.count == 2 }
                && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
            guard shapeOK, let y = Int(parts[0]) else {
                return .failure(ParseFailure(message:
                    "'\(text)' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2010-01-07)"))
            }
            year = y
            month = parts.count > 1 ? Int(parts[1]) : nil
            day = parts.count > 2 ? Int(parts[2]) : nil
        }
        if year == 0 {
            return .failure(ParseFailure(message: "'\(text)' has year 0; years start at 0001"))
        }
        if let month, !(1...12).contains(month) {
            return .failure(ParseFailure(message: "'\(text)' has month \(month); months run from 01 to 12"))
        }
        if let month, let day {
            let days = daysIn(month: month, year: year)
            if !(1...days).contains(day) {
                return .failure(ParseFailure(message:
                    "'\(text)' is not a calendar day: \(monthNames[month - 1]) \(year) has \(days) days"))
            }
        }
        return .success(PartialDate(year: year, month: month, day: day)!)
    }

    /// The numbers of `YYYY`, `YYYY-MM` or `YYYY-MM-DD` written in ASCII digits, read from the
    /// bytes (what ``parse(_:)`` splits out for such text); nil for any other text.
    private static func asciiDigits(_ text: String) -> (Int, Int?, Int?)? {
        let u = text.utf8
        guard u.count == 4 || u.count == 7 || u.count == 10 else { return nil }
        var numbers = (0, 0, 0)
        for (k, c) in u.enumerated() {
            if k == 4 || k == 7 {
                guard c == 0x2D else { return nil }
                continue
            }
            guard c >= 0x30 && c <= 0x39 else { return nil }
            let d = Int(c - 0x30)
            if k < 4 { numbers.0 = numbers.0 * 10 + d } else if k < 7 { numbers.1 = numbers.1 * 10 + d } else { numbers.2 = numbers.2 * 10 + d }
        }
        return (numbers.0, u.count > 4 ? numbers.1 : nil, u.count > 7 ? numbers.2 : nil)
    }

    /// How precisely the date is known.
    public enum Precision: Int, Sendable, Comparable {
        /// Known to the year (`2009`), the month (`2009-06`) or the day (`2010-01-07`).
        case year, month, day
        /// Whether `a` is coarser than `b`: year before month before day.
        public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
    }

    /// How precisely the date is known.
    public var precision: Precision { day != nil ? .day : (month != nil ? .month : .year) }

    /// The first day of the period this date names (`2009` → 2009-01-01).
    public var firstDay: PartialDate { PartialDate(year: year, month: month ?? 1, day: day ?? 1)! }

    /// The last day of the period this date names (`2009-02` → 2009-02-28).
    public var lastDay: PartialDate {
        let m = month ?? 12
        return PartialDate(year: year, month: m, day: day ?? PartialDate.daysIn(month: m, year: year))!
    }

    /// Days since 0001-01-01 of ``firstDay`` (proleptic Gregorian), for arithmetic and ordering.
    public var ordinalOfFirstDay: Int { PartialDate.ordinal(firstDay) }
    /// Days since 0001-01-01 of ``lastDay``.
    public var ordinalOfLastDay: Int { PartialDate.ordinal(lastDay) }

    /// The ISO text: `2009`, `2009-06` or `2010-01-07`.
    public var description: String {
        var s = String(year)
        while s.count < 4 { s = "0" + s }
        if let month { s += "-" + (month < 10 ? "0" : "") + String(month) }
        if let day { s += "-" + (day < 10 ? "0" : "") + String(day) }
        return s
    }

    /// Orders dates by their first day, and a coarser date before a finer one that starts the
    /// same day (`2010` < `2010-01` < `2010-01-01`).
    ///
    /// - Complexity: O(1).
    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        let (fa, fb) = (a.ordinalOfFirstDay, b.ordinalOfFirstDay)
        if fa != fb { return fa < fb }
        return a.precision < b.precision
    }

    /// Whether `year` is a leap year in the Gregorian calendar.
    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// The number of days in a month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]

    private static func ordinal(_ d: PartialDate) -> Int {
        let y = d.year - 1
        var days = y * 365 + y / 4 - y / 100 + y / 400
        for m in 1..<(d.month ?? 1) { days += daysIn(month: m, year: d.year) }
        return days + (d.day ?? 1) - 1
    }
}
