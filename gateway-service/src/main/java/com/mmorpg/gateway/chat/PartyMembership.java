package com.mmorpg.gateway.chat;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Which party each character on this gateway is in, as far as delivery needs it (party lines go to the
 * {@link ChatRoster}'s members of a party): set when a character's chat state is read at entry, and
 * changed by the party changes any gateway publishes ({@link ChatEnvelope.Kind#PARTY_CHANGE}), applied
 * here before the change's frame is delivered, on the delivery thread, in the order Redis published them.
 */
@Component
class PartyMembership {

    private final ChatRoster roster;

    PartyMembership(ChatRoster roster) {
        this.roster = roster;
    }

    /** The characters of {@code characterIds} that play here are now in {@code partyId} (null: in none). */
    void changed(String partyId, List<String> characterIds) {
        for (String id : characterIds) {
            Chatter chatter = roster.byCharacter(id);
            if (chatter != null) {
                roster.joinParty(chatter, partyId);
            }
        }
    }

    /** The character's own party request changed its party (the published change follows for everyone else). */
    void joined(Chatter chatter, String partyId) {
        roster.joinParty(chatter, partyId);
    }
}
