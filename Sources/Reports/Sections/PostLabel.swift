/// How a post is named on a map: its scenario id, except the placement's own ids
/// (`proposed/1`), which read as "new post 1".
enum PostLabel {
    static func text(_ id: String, loc: Loc) -> String {
        if id.hasPrefix("proposed/") { return loc.t("map.new_post_n", String(id.dropFirst("proposed/".count))) }
        return id
    }
}
