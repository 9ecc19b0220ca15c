/// A party, faction, gang, person, government body, security force, place or group.
///
/// Actors are identified by a short id that relations refer to (`mqm-a`); the name is what
/// diagrams and reports show.
public struct Actor: Hashable, Sendable, Identifiable {
    /// The id relations use. Unique within a graph.
    public var id: String
    /// The display name; defaults to the id.
    public var name: String
    /// The actor kind's id (`party`, `gang`, or a kind the file declares).
    public var kind: String
    /// Other names the actor goes by (`MQM`, `MQM-A`). Used for suggestions on unknown ids.
    public var aliases: [String]
    /// The actor's office or function (`Federal Interior Minister`).
    public var role: String?
    /// Free text for the analyst.
    public var note: String?
    /// Free attributes (`club: Officer`).
    public var attributes: [String: AttributeValue]

    /// Creates an actor; `name` defaults to `id`. Nothing is checked here: ``ActorGraph/validate()``
    /// reports unknown kinds and duplicate ids.
    public init(id: String, name: String? = nil, kind: String, aliases: [String] = [], role: String? = nil,
                note: String? = nil, attributes: [String: AttributeValue] = [:]) {
        self.id = id
        self.name = name ?? id
        self.kind = kind
        self.aliases = aliases
        self.role = role
        self.note = note
        self.attributes = attributes
    }
}

/// A document that relations cite: a cable, an article, an interview, a data set.
public struct Source: Hashable, Sendable, Identifiable {
    /// The id that `cite` uses (`cable`).
    public var id: String
    /// The document's title.
    public var title: String
    /// When it was written or published.
    public var date: PartialDate?
    /// Who wrote it.
    public var author: String?
    /// Where to find it.
    public var url: String?
    /// A plain-text or Markdown copy of the source (`text:`), as a path relative to the graph
    /// file that declares the source. Cites resolve their locators against it and quotes are
    /// checked in it (see ``SourceText``).
    public var text: String?
    /// Free text.
    public var note: String?

    /// Creates a source. `cite` refers to it by `id`.
    public init(id: String, title: String, date: PartialDate? = nil, author: String? = nil,
                url: String? = nil, text: String? = nil, note: String? = nil) {
        self.id = id
        self.title = title
        self.date = date
        self.author = author
        self.url = url
        self.text = text
        self.note = note
    }
}
