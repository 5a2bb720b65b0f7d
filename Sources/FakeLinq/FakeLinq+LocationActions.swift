import Foundation
import LinqModel

extension FakeLinqCore {
    /// Polls between an accepted location request and the first poll that lists the person: they have to
    /// see the prompt and accept it.
    static let pollsUntilShared = 2

    /// `POST /v3/chats/{id}/location/request`, as the official SDK documents it: 404/2001 for an unknown chat;
    /// 409/2016 for a group chat; 409/2017 for an SMS or RCS chat; 409/2015 when the other person already
    /// shares; 429 with `Retry-After` (the seconds left) within `locationRequestRetryAfterSeconds` of the last
    /// accepted request; else 202 `{"success":true,"message":"Location request sent"}`, and the person (a
    /// known fixture participant, or one in San Francisco) shares from `pollsUntilShared` polls later.
    func requestLocation(chatID: String) -> FakeResponse {
        enum Outcome {
            case unknown, group, service, sharing, tooSoon(seconds: Int), accepted
        }
        let now = configuration.now()
        let cooldown = TimeInterval(configuration.locationRequestRetryAfterSeconds)
        let outcome = chats.withLock { chats -> Outcome in
            guard let index = chats.firstIndex(where: { $0.chat.id.lowercased() == chatID.lowercased() }) else {
                return .unknown
            }
            let state = chats[index]
            if state.chat.isGroup { return .group }
            if state.chat.service.lowercased() != "imessage" { return .service }
            if !sharingHandles(of: state).isEmpty { return .sharing }
            if let last = state.lastRequestAt, now.timeIntervalSince(last) < cooldown {
                return .tooSoon(seconds: max(1, Int((cooldown - now.timeIntervalSince(last)).rounded(.up))))
            }
            chats[index].lastRequestAt = now
            chats[index].sharesFromPoll = state.polls + Self.pollsUntilShared
            stoppedHandles.withLock { $0.subtract(state.chat.handles) }
            return .accepted
        }
        switch outcome {
        case .unknown:
            return .chatNotFound(chatID)
        case .group:
            return .error(status: 409, code: 2016, message: "Location requests are only possible in 1:1 chats")
        case .service:
            return .error(status: 409, code: 2017, message: "Location requests are only possible in iMessage chats")
        case .sharing:
            return .error(status: 409, code: 2015, message: "This contact already shares their location")
        case .tooSoon(let seconds):
            var response = FakeResponse.error(status: 429, code: 1003, message: "Location already requested")
            response.headers["Retry-After"] = String(seconds)
            return response
        case .accepted:
            return .json(status: 202, #"{"success":true,"message":"Location request sent"}"#)
        }
    }

    /// `DELETE /v3/chats/{id}/location` with `{"handle": ...}`: 400/1002 without a handle; 404/2001 for an
    /// unknown chat; 404/2018 when that contact shares in no chat; else 202 and the contact is absent from every
    /// chat's later polls (sharing is per contact) until a new request is accepted.
    func stopLocation(chatID: String, body: Data) -> FakeResponse {
        guard let json = try? JSONValue.parse(body), let handle = json["handle"]?.stringValue, !handle.isEmpty else {
            return .error(status: 400, code: 1002, message: "handle is required")
        }
        enum Outcome {
            case unknown, notSharing, stopped
        }
        let outcome = chats.withLock { chats -> Outcome in
            guard chats.contains(where: { $0.chat.id.lowercased() == chatID.lowercased() }) else { return .unknown }
            guard chats.contains(where: { sharingHandles(of: $0).contains(handle) }) else { return .notSharing }
            for index in chats.indices where chats[index].chat.handles.contains(handle) {
                chats[index].sharesFromPoll = nil
            }
            stoppedHandles.withLock { _ = $0.insert(handle) }
            return .stopped
        }
        switch outcome {
        case .unknown:
            return .chatNotFound(chatID)
        case .notSharing:
            return .error(status: 404, code: 2018, message: "\(handle) is not sharing their location with you")
        case .stopped:
            return .json(status: 202, #"{"success":true,"message":"Location sharing stop requested"}"#)
        }
    }

    /// What chat `state` answers at its next poll: its scenario without the stopped handles, and with the
    /// person who accepted a location request once their first poll has come.
    func sharingScenario(of state: ChatState) -> Scenario {
        guard case .participants(var participants) = state.chat.scenario else { return state.chat.scenario }
        let stopped = stoppedHandles.withLock { $0 }
        // Only when someone stopped: removing nothing still copied the chat's participants at every poll.
        if !stopped.isEmpty { participants.removeAll { stopped.contains($0.handle) } }
        if let from = state.sharesFromPoll, state.polls >= from {
            for handle in state.chat.handles where !participants.contains(where: { $0.handle == handle }) {
                participants.append(Self.participant(handle))
            }
        }
        return .participants(participants)
    }

    /// The handles chat `state` lists at its next poll.
    private func sharingHandles(of state: ChatState) -> Set<String> {
        guard case .participants(let participants) = sharingScenario(of: state) else { return [] }
        let now = configuration.now()
        return Set(participants.filter { $0.isSharing(atPoll: state.polls, now: now) }.map(\.handle))
    }

    /// The fixture participant with `handle`, or a new one at the Ferry Building in San Francisco.
    static func participant(_ handle: String) -> FakeParticipant {
        (Fixtures.aroundTheWorld + DemoChat.participants).first { $0.handle == handle }
            ?? FakeParticipant(
                handle: handle, coordinate: Coordinate(longitude: -122.3937, latitude: 37.7955),
                address: "1 Ferry Building", locality: "San Francisco", updatedAt: .ago(.seconds(10)))
    }
}

extension FakeResponse {
    /// 404/2001 for a chat the server does not know.
    static func chatNotFound(_ chatID: String) -> FakeResponse {
        .error(status: 404, code: 2001, message: "Chat \(chatID) not found")
    }
}
