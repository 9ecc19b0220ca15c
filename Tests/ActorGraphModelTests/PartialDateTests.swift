import Foundation
import Testing
@testable import ActorGraphModel

@Suite struct PartialDateTests {
    @Test func parsesTheThreePrecisions() throws {
        let y = try #require(PartialDate("2009"))
        #expect(y.precision == .year && y.month == nil && y.day == nil)
        let m = try #require(PartialDate("2009-06"))
        #expect(m.precision == .month && m.month == 6)
        let d = try #require(PartialDate("2010-01-07"))
        #expect(d.precision == .day && d.day == 7)
        #expect([y, m, d].map(\.description) == ["2009", "2009-06", "2010-01-07"])
    }

    @Test(arguments: ["", "09", "2009-6", "2009-06-7", "2009/06", "2009-06-07-01", "year", "２００９", "-2009", "2009-", "0000"])
    func rejectsMalformedText(_ text: String) {
        #expect(PartialDate(text) == nil)
        #expect(PartialDate.problem(parsing: text) != nil)
    }

    @Test func rejectsImpossibleDays() {
        #expect(PartialDate("2010-02-29") == nil)
        #expect(PartialDate("1900-02-29") == nil)
        #expect(PartialDate("2000-02-29") != nil)
        #expect(PartialDate("2008-02-29") != nil)
        #expect(PartialDate("2010-04-31") == nil)
        #expect(PartialDate("2010-13") == nil)
        #expect(PartialDate("2010-00") == nil)
        #expect(PartialDate.problem(parsing: "2010-02-30") == "'2010-02-30' is not a calendar day: February 2010 has 28 days")
        #expect(PartialDate.problem(parsing: "2010-13") == "'2010-13' has month 13; months run from 01 to 12")
    }

    @Test func periodsHaveFirstAndLastDays() throws {
        let feb = try #require(PartialDate("2008-02"))
        #expect(feb.firstDay.description == "2008-02-01")
        #expect(feb.lastDay.description == "2008-02-29")
        let year = try #require(PartialDate("2009"))
        #expect(year.lastDay.description == "2009-12-31")
        #expect(year.ordinalOfLastDay - year.ordinalOfFirstDay == 364)
        let a = try #require(PartialDate("2009-12-31")), b = try #require(PartialDate("2010-01-01"))
        #expect(b.ordinalOfFirstDay - a.ordinalOfFirstDay == 1)
    }

    @Test func ordersByFirstDayThenPrecision() throws {
        let dates = ["2010-01-07", "2010", "2009-06", "2010-01", "2009-12-31"].compactMap(PartialDate.init)
        #expect(dates.sorted().map(\.description) == ["2009-06", "2009-12-31", "2010", "2010-01", "2010-01-07"])
    }

    @Test func spansAreInclusiveAndPartialDatesAreWholePeriods() throws {
        let r = Relation(kind: "conflict", source: "a", target: "b", directed: false,
                         since: PartialDate("2010-01-07"), until: PartialDate("2010-01"))
        #expect(!r.holds(at: PartialDate("2010-01-06")!))
        #expect(r.holds(at: PartialDate("2010-01-07")!))
        #expect(r.holds(at: PartialDate("2010-01-31")!))
        #expect(!r.holds(at: PartialDate("2010-02-01")!))
        #expect(r.holds(at: PartialDate("2010")!), "the year 2010 overlaps the span")
        #expect(!r.holds(at: PartialDate("2009")!))
        let open = Relation(kind: "coalition", source: "a", target: "b", directed: false)
        #expect(open.holds(at: PartialDate("1900")!))
    }

    /// The numbers ``PartialDate/parse(_:)`` reads from ASCII bytes are those the split it skips
    /// gives: same dates, same messages, on seeded random texts near the date shapes.
    @Test func bytesParseAsTheSplitDoes() {
        func reference(_ text: String) -> (Int, Int?, Int?)? {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            let shapeOK = (1...3).contains(parts.count) && parts[0].count == 4 && parts.dropFirst().allSatisfy { $0.count == 2 }
                && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
            guard shapeOK, let year = Int(parts[0]) else { return nil }
            return (year, parts.count > 1 ? Int(parts[1]) : nil, parts.count > 2 ? Int(parts[2]) : nil)
        }
        let pieces = ["0", "1", "2", "9", "3", "-", "-", "1", "0", "a", "\u{301}", "\u{FF10}", "+", " "]
        var state: UInt64 = 0xDA7E
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for round in 0..<30_000 {
            var text = (0..<(3 + next(9))).map { _ in pieces[next(pieces.count)] }.joined()
            if round % 2 == 0 { text = String(format: "%04d-%02d-%02d", next(3000), next(14), next(33)).prefix([4, 7, 10][next(3)]).description }
            let parsed = PartialDate.parse(text)
            switch (parsed, reference(text)) {
            case (.success(let d), let r?):
                #expect(d.year == r.0 && d.month == r.1 && d.day == r.2, "\(text.debugDescription)")
            case (.failure(let f), nil):
                #expect(f.message.contains("is not a date"), "\(text.debugDescription): \(f.message)")
            case (.failure(let f), let r?):
                #expect(!f.message.contains("is not a date"), "\(text.debugDescription) read as \(r): \(f.message)")
            case (.success, nil):
                Issue.record("\(text.debugDescription) parsed, but the split refuses it")
            }
        }
    }
}
