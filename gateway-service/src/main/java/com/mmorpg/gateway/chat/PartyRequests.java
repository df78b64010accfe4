package com.mmorpg.gateway.chat;

import com.mmorpg.gateway.pace.AccountPaces;
import com.mmorpg.gateway.protocol.Frames;
import com.mmorpg.gateway.protocol.GameError;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A player's party requests: {@code party_invite} (paced like lines; one who blocks the inviter seems
 * offline), {@code party_accept}, {@code party_leave} and {@code party_kick}. The parties themselves
 * live in Redis ({@link Parties}). A joining, leaving or kicked member and the rest of the party are
 * told through every gateway as a {@link ChatEnvelope.Kind#PARTY_CHANGE} with their new
 * {@code party_update}; an invitation goes to the invitee as a {@link ChatEnvelope.Kind#DIRECT}, and
 * the inviter of a party made by the invitation hears its {@code party_update} at once, here.
 */
@Component
class PartyRequests {

    private static final Logger log = LoggerFactory.getLogger(PartyRequests.class);

    private final ChatStore store;
    private final Parties parties;
    private final PartyMembership membership;
    private final Frames frames;
    private final AccountPaces paces;
    private final MeterRegistry meters;

    PartyRequests(ChatStore store, Parties parties, PartyMembership membership, Frames frames, AccountPaces paces,
            MeterRegistry meters) {
        this.store = store;
        this.parties = parties;
        this.membership = membership;
        this.frames = frames;
        this.paces = paces;
        this.meters = meters;
    }

    void invite(Chatter inviter, Frames.Incoming incoming) throws GameError {
        String name = ChatText.name(incoming.string("name"), "party_invite");
        AccountPaces.Verdict pace = paces.admit(AccountPaces.Kind.CHAT, inviter.userId());
        if (!pace.admitted()) {
            throw new GameError("CHAT_RATE_LIMITED", "Too many invitations; wait " + pace.secondsToWait() + " s");
        }
        ChatStore.Online invitee = store.online(name, inviter.characterId()); // one who blocks the inviter seems offline
        if (invitee == null) {
            throw ChatFrames.offline(name);
        }
        if (invitee.characterId().equals(inviter.characterId())) {
            throw new GameError("INVALID_MESSAGE", "You cannot invite yourself");
        }
        Parties.Party party = parties.invite(inviter, invitee.characterId());
        if (!party.id().equals(inviter.partyId())) { // made now: the inviter leads a party of one
            membership.place(inviter, party.id());
            inviter.send(frames.event("party_update", update(party, null)));
        }
        Map<String, Object> invitation = new LinkedHashMap<>();
        invitation.put("party_id", party.id());
        invitation.put("from", ChatFrames.person(inviter.characterId(), inviter.name()));
        invitation.put("expires_in", parties.inviteTtl().toSeconds());
        store.publish(ChatEnvelope.DIRECT, ChatEnvelope.direct(List.of(invitee.characterId()), inviter.characterId(),
                frames.event("party_invitation", invitation)));
        meters.counter("gateway.party", "action", "invite").increment();
        inviter.send(frames.event("party_invited", Map.of("party_id", party.id(), "name", invitee.name())));
    }

    void accept(Chatter invitee, Frames.Incoming incoming) throws GameError {
        String partyId = incoming.id("party_id");
        if (partyId == null) {
            throw new GameError("INVALID_MESSAGE", "party_accept needs data.party_id (a party id)");
        }
        Parties.Party party = parties.accept(invitee, partyId);
        membership.place(invitee, party.id());
        meters.counter("gateway.party", "action", "join").increment();
        log.info("Party {} joined character={} members={}", party.id(), invitee.characterId(), party.members().size());
        invitee.send(frames.event("party_joined", Map.of("party_id", party.id())));
        store.publish(ChatEnvelope.PARTY, ChatEnvelope.partyChange(party.id(), List.copyOf(party.members().keySet()),
                frames.event("party_update", update(party, null))));
    }

    /** After a leave or a kick: the one who went, and the rest (or, when the party ended, its last member) are told. */
    private void depart(Chatter actor, Parties.Departure departure, String reason) {
        String action = reason;
        if (departure.characterId().equals(actor.characterId())) {
            membership.place(actor, null);
        }
        meters.counter("gateway.party", "action", action).increment();
        log.info("Party {} {} character={} by={}{}", departure.partyId(), reason, departure.characterId(),
                actor.characterId(), departure.disbanded() ? " (disbanded)" : "");
        Map<String, Object> gone = update(null, reason);
        store.publish(ChatEnvelope.PARTY, ChatEnvelope.partyChange(null, List.of(departure.characterId()),
                frames.event("party_update", gone)));
        if (departure.disbanded()) {
            if (!departure.formerMembers().isEmpty()) {
                store.publish(ChatEnvelope.PARTY, ChatEnvelope.partyChange(null, List.copyOf(departure.formerMembers().keySet()),
                        frames.event("party_update", update(null, "disbanded"))));
            }
        } else {
            Parties.Party rest = departure.remaining();
            store.publish(ChatEnvelope.PARTY, ChatEnvelope.partyChange(rest.id(), List.copyOf(rest.members().keySet()),
                    frames.event("party_update", update(rest, null))));
        }
        actor.send(frames.event(action.equals("kicked") ? "party_kicked" : "party_left",
                Map.of("party_id", departure.partyId())));
    }

    void leave(Chatter chatter) throws GameError {
        depart(chatter, parties.leave(chatter), "left");
    }

    void kick(Chatter chatter, Frames.Incoming incoming) throws GameError {
        depart(chatter, parties.kick(chatter, ChatText.name(incoming.string("name"), "party_kick")), "kicked");
    }

    private static Map<String, Object> update(Parties.Party party, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("party_id", party == null ? null : party.id());
        data.put("leader", party == null ? null : party.leader());
        List<Map<String, Object>> members = new ArrayList<>();
        if (party != null) {
            party.members().forEach((id, name) -> members.add(ChatFrames.person(id, name)));
        }
        data.put("members", members);
        if (reason != null) {
            data.put("reason", reason);
        }
        return data;
    }

}
