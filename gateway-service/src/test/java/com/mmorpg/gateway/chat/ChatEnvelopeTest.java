package com.mmorpg.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The envelope is a wire format between gateways (a gateway of an older build may share the Redis):
 * its header letters and layout are frozen here, written and read.
 */
class ChatEnvelopeTest {

    private static final String FRAME = "{\"event\":\"chat_message\"}";

    @Test
    void everyKindIsWrittenWithItsFixedLetter() {
        assertThat(ChatEnvelope.world("c1", FRAME)).isEqualTo("W c1\n" + FRAME);
        assertThat(ChatEnvelope.map(7, "c1", FRAME)).isEqualTo("M 7 c1\n" + FRAME);
        assertThat(ChatEnvelope.party("p9", "c1", FRAME)).isEqualTo("P p9 c1\n" + FRAME);
        assertThat(ChatEnvelope.whisper("c1", "c2", "c1", FRAME)).isEqualTo("T c1 c2 c1\n" + FRAME);
        assertThat(ChatEnvelope.direct(List.of("c2", "c3"), "c1", FRAME)).isEqualTo("D c2,c3 c1\n" + FRAME);
        assertThat(ChatEnvelope.partyChange("p9", List.of("c2", "c3"), FRAME)).isEqualTo("U p9 c2,c3\n" + FRAME);
        assertThat(ChatEnvelope.partyChange(null, List.of("c2"), FRAME)).isEqualTo("U - c2\n" + FRAME);
    }

    @Test
    void theLettersAreReadBackAsTheirKinds() {
        assertThat(decode("W c1\n" + FRAME)).satisfies(envelope -> {
            assertThat(envelope.kind()).isEqualTo(ChatEnvelope.Kind.WORLD);
            assertThat(envelope.sender()).isEqualTo("c1");
            assertThat(new String(envelope.frame(), StandardCharsets.UTF_8)).isEqualTo(FRAME);
        });
        assertThat(decode("M 7 c1\n" + FRAME).mapId()).isEqualTo(7);
        assertThat(decode("P p9 c1\n" + FRAME).scope()).isEqualTo("p9");
        assertThat(decode("T c1 c2 c1\n" + FRAME).characters()).containsExactly("c1", "c2");
        assertThat(decode("D c2,c3 c1\n" + FRAME).kind()).isEqualTo(ChatEnvelope.Kind.DIRECT);
        ChatEnvelope change = decode("U - c2,c3\n" + FRAME);
        assertThat(change.kind()).isEqualTo(ChatEnvelope.Kind.PARTY_CHANGE);
        assertThat(change.scope()).isNull();
        assertThat(change.characters()).containsExactly("c2", "c3");
    }

    @Test
    void whatIsNoEnvelopeIsRefusedNotThrown() {
        assertThat(decode("X c1\n" + FRAME)).isNull();
        assertThat(decode("WW c1\n" + FRAME)).isNull();
        assertThat(decode("M seven c1\n" + FRAME)).isNull();
        assertThat(decode("W c1 extra\n" + FRAME)).isNull();
        assertThat(decode("W c1")).isNull();
        assertThat(decode("W c1\n")).isNull();
    }

    private static ChatEnvelope decode(String body) {
        return ChatEnvelope.decode(body.getBytes(StandardCharsets.UTF_8));
    }
}
