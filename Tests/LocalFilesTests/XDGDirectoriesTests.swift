import Foundation
import LocalFiles
import Testing

@Test func xdgVariablesWinOverHome() {
    let folders = XDGDirectories(environment: [
        "HOME": "/home/ana", "XDG_CONFIG_HOME": "/cfg", "XDG_CACHE_HOME": "/c", "XDG_DATA_HOME": "/d",
        "XDG_STATE_HOME": "/s",
    ])
    #expect(folders.config.path == "/cfg/linq-map")
    #expect(folders.cache.path == "/c/linq-map")
    #expect(folders.data.path == "/d/linq-map")
    #expect(folders.state.path == "/s/linq-map")
}

@Test func missingOrRelativeVariablesFallBackUnderHome() {
    let folders = XDGDirectories(environment: [
        "HOME": "/home/ana", "XDG_CONFIG_HOME": "relative", "XDG_CACHE_HOME": "",
    ])
    #expect(folders.config.path == "/home/ana/.config/linq-map")
    #expect(folders.cache.path == "/home/ana/.cache/linq-map")
    #expect(folders.data.path == "/home/ana/.local/share/linq-map")
    #expect(folders.state.path == "/home/ana/.local/state/linq-map")
}

@Test func emptyHomeUsesTheGivenHome() {
    #expect(XDGDirectories(environment: ["HOME": ""], home: "/root").cache.path == "/root/.cache/linq-map")
}
