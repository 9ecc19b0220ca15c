import Testing
@testable import ActorGraphModel

/// The validator on graphs built in code, rung by rung: empty, one actor, two, many.
@Suite struct ValidationTests {
    func graph(_ actors: [Actor], _ relations: [Relation], sources: [Source] = []) -> ActorGraph {
        ActorGraph(title: "t", sources: sources, actors: actors, relations: relations)
    }

    let a = Actor(id: "a", kind: "party"), b = Actor(id: "b", kind: "party"), c = Actor(id: "c", kind: "person")

    func messages(_ g: ActorGraph) -> [String] { g.validate().map { "\($0.severity.rawValue): \($0.message)" } }

    @Test func emptyGraphIsValid() {
        #expect(ActorGraph().validate().isEmpty)
    }

    @Test func oneActorIsIsolated() {
        let issues = graph([a], []).validate()
        #expect(issues.count == 1)
        #expect(issues[0].severity == .warning)
        #expect(issues[0].location == .actor(0, field: nil, element: nil))
    }

    @Test func twoActorsWithATieAreClean() {
        #expect(graph([a, b], [Relation(kind: "coalition", source: "a", target: "b", directed: false)]).validate().isEmpty)
    }

    /// `relation-N` is the key of relation N when it has no id (the briefing's data-relation, DOT's
    /// edge id): another relation taking it is a warning; a relation's own key, or a key whose
    /// relation has an id of its own, is not.
    @Test func relationIDThatIsAnotherRelationsKeyIsAWarning() {
        func rel(_ id: String?) -> Relation {
            var r = Relation(kind: "coalition", source: "a", target: "b", directed: false)
            r.id = id
            return r
        }
        let clash = graph([a, b], [rel(nil), rel("relation-0")]).validate()
        #expect(clash.count == 1)
        #expect(clash.first?.severity == .warning && clash.first?.message.contains("'relation-0' is the key of relation 1") == true)
        #expect(clash.first?.location == .relation(1, field: "id", element: nil) && clash.first?.related == .relation(0, field: nil, element: nil))
        #expect(graph([a, b], [rel(nil), rel("relation-1")]).validate().isEmpty, "its own key")
        #expect(graph([a, b], [rel("x"), rel("relation-0")]).validate().isEmpty, "relation 0 goes by its id")
        #expect(graph([a, b], [rel(nil), rel("relation-00"), rel("relation-7")]).validate().isEmpty, "not a generated key")
    }

    @Test func everyProblemIsReportedAtOnce() {
        let g = graph([a, b, c, Actor(id: "a", kind: "party"), Actor(id: "d", kind: "prty")], [
            Relation(kind: "coalition", source: "a", target: "bb", directed: false),
            Relation(kind: "patronage", source: "a", target: "b", directed: false),
            Relation(kind: "conflict", source: "a", target: "b", directed: true),
            Relation(kind: "conflict", source: "c", target: "c", directed: false),
            Relation(kind: "conflikt", source: "a", target: "c", directed: false),
            Relation(kind: "conflict", source: "a", target: "c", directed: false, weight: 0),
            Relation(kind: "conflict", source: "a", target: "c", directed: false,
                     since: PartialDate("2010-02"), until: PartialDate("2010-01")),
            Relation(kind: "conflict", source: "a", target: "c", directed: false,
                     evidence: Evidence(citations: [Citation(text: "cable ¶1")], claimedBy: ["q"], disputedBy: ["a"],
                                        confidence: .value(-0.1))),
            Relation(kind: "conflict", source: "b", target: "c", directed: false,
                     evidence: Evidence(claimedBy: ["a"], disputedBy: ["a"])),
        ])
        let m = messages(g)
        #expect(m.contains("error: duplicate actor id 'a'"))
        #expect(m.contains("error: unknown actor kind 'prty'"))
        #expect(m.contains("error: unknown actor 'bb' in 'between'"))
        #expect(m.contains("error: 'patronage' is a directed kind, but this relation uses 'between'"))
        #expect(m.contains("error: 'conflict' is an undirected kind, but this relation uses 'from'/'to'"))
        #expect(m.contains("error: a relation of 'c' with itself (a self-loop)"))
        #expect(m.contains("error: unknown relation kind 'conflikt'"))
        #expect(m.contains("error: weight 0 is not a positive number"))
        #expect(m.contains("error: 'until: 2010-01' is before 'since: 2010-02'"))
        #expect(m.contains("error: confidence -0.1 is outside 0…1"))
        #expect(m.contains("error: unknown actor 'q' in 'claimed-by'"))
        #expect(m.contains("error: unknown source 'cable' in 'cite'"))
        #expect(m.contains("error: 'a' both claims and disputes this relation"))
        #expect(m.contains("warning: actor 'd' takes part in no relation (isolated)"))
        let fixes = g.validate().compactMap(\.fix)
        #expect(fixes.contains("did you mean 'party'?"))
        #expect(fixes.contains("did you mean 'b'?"))
        #expect(fixes.contains("did you mean 'conflict'?"))
        #expect(fixes.contains("write 'from: a, to: b' (from the patron to the client)"))
    }

    @Test func sameMonthSpanIsNotReversed() {
        let g = graph([a, b], [Relation(kind: "conflict", source: "a", target: "b", directed: false,
                                        since: PartialDate("2010-01-07"), until: PartialDate("2010-01"))])
        #expect(g.validate().isEmpty)
    }

    @Test func aliasesHelpSuggestIds() {
        let mqm = Actor(id: "mqm-a", kind: "party", aliases: ["MQM"])
        let g = graph([mqm, b], [Relation(kind: "conflict", source: "MQM", target: "b", directed: false)])
        #expect(g.validate().first?.fix == "did you mean 'mqm-a' (MQM)?")
    }

    @Test func declaredKindsAreChecked() {
        var g = graph([a, b], [Relation(kind: "refuge", source: "a", target: "b", directed: true)])
        g.relationKindDeclarations = [
            RelationKindDeclaration(id: "refuge"),
            RelationKindDeclaration(id: "conflict", sign: .positive, style: RelationStyle(arrowhead: "normall")),
        ]
        g.actorKindDeclarations = [ActorKindDeclaration(id: "x", style: ActorStyle(shape: "hexagonn", fill: "blue!"))]
        let m = messages(g)
        #expect(m.contains("error: the new relation kind 'refuge' has no sign"))
        #expect(m.contains("error: the new relation kind 'refuge' does not say whether it is directed"))
        #expect(m.contains { $0.hasPrefix("error: the built-in kind 'conflict' is negative") })
        #expect(m.contains("error: unknown arrowhead 'normall'"))
        #expect(m.contains("error: unknown shape 'hexagonn'"))
        #expect(m.contains("error: 'blue!' is not a colour"))
    }

    @Test func exactRepeatsWarn() {
        let r = Relation(kind: "conflict", source: "a", target: "b", directed: false)
        let issues = graph([a, b], [r, r]).validate()
        #expect(issues.count == 1)
        #expect(issues[0].severity == .warning)
        #expect(issues[0].related == .relation(0, field: nil, element: nil))
    }

    @Test func summaryCountsComponentsKindsAndDates() {
        let g = graph([a, b, c, Actor(id: "d", kind: "person")], [
            Relation(kind: "coalition", source: "a", target: "b", directed: false, since: PartialDate("2009-06")),
            Relation(kind: "conflict", source: "a", target: "b", directed: false, until: PartialDate("2010-01-11"),
                     evidence: Evidence(claimedBy: ["c", "a"])),
            Relation(kind: "stronghold", source: "c", target: "d", directed: true),
        ])
        let s = GraphSummary(g)
        #expect(s.actors == 4 && s.relations == 3)
        #expect(s.positive == 1 && s.negative == 1 && s.unsigned == 1)
        #expect(s.components == 2 && s.largestComponent == 2 && s.isolated == 0)
        #expect(s.claimants.ids == ["a", "c"])
        #expect(s.actorKinds.map(\.kind) == ["party", "person"])
        #expect(s.relationKinds.map { "\($0.kind)=\($0.count)" } == ["coalition=1", "conflict=1", "stronghold=1"])
        #expect(s.dateRange?.from.description == "2009-06")
        #expect(s.dateRange?.to.description == "2010-01-11")
        #expect(GraphSummary(ActorGraph()).components == 0)
        #expect(GraphSummary(ActorGraph()).dateRange == nil)
    }
}
