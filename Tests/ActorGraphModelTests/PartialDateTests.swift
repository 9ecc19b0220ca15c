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
}
