package com.mmorpg.common.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StaffNoticeTest {

    @Test
    void kicksAndAnnouncementsSurviveTheWireAndAnnouncementsStayOneLine() {
        assertThat(StaffNotice.decode(new StaffNotice.Kick("42").encode())).contains(new StaffNotice.Kick("42"));
        StaffNotice.Announcement announcement = new StaffNotice.Announcement("  Server restart in 5 min\n(maps 1, 2) é  ");
        assertThat(announcement.message()).isEqualTo("Server restart in 5 min (maps 1, 2) é");
        assertThat(announcement.encode()).doesNotContain("\n", " min");
        assertThat(StaffNotice.decode(announcement.encode())).contains(announcement);
    }

    @Test
    void everyAnnouncementThatCanBeMadeIsOneAGatewayDecodes() {
        String longest = "界".repeat(StaffNotice.MAX_MESSAGE_BYTES / 3) + "ab"; // 1,493 bytes: 497 CJK + 2 ASCII
        assertThat(longest.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(StaffNotice.MAX_MESSAGE_BYTES);
        StaffNotice.Announcement announcement = new StaffNotice.Announcement(longest);
        assertThat(announcement.encode()).hasSizeLessThanOrEqualTo(StaffNotice.MAX_NOTICE_CHARS);
        assertThat(StaffNotice.decode(announcement.encode())).contains(announcement);

        assertThatThrownBy(() -> new StaffNotice.Announcement("界".repeat(StaffNotice.MAX_MESSAGE_CHARS)))
                .as("500 CJK characters are 1,500 bytes: a gateway would drop their notice")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes");
    }

    @Test
    void mutesSurviveTheWireAndTheirStoredFormReadsBack() {
        ChatMute timed = new ChatMute("42", 1_767_225_600_000L);
        ChatMute forever = new ChatMute("43", ChatMute.FOREVER);
        ChatMute lifted = new ChatMute("44", 0);
        for (ChatMute mute : new ChatMute[] {timed, forever, lifted}) {
            assertThat(StaffNotice.decode(new StaffNotice.Mute(mute).encode())).contains(new StaffNotice.Mute(mute));
        }
        assertThat(new StaffNotice.Mute(forever).encode()).isEqualTo("mute 43 forever");
        assertThat(ChatMute.key("42")).isEqualTo("chat:mute:42");
        assertThat(ChatMute.until(timed.value())).isEqualTo(timed.untilMillis());
        assertThat(ChatMute.until(forever.value())).isEqualTo(ChatMute.FOREVER);
        assertThat(ChatMute.until(null)).isZero();
        assertThat(ChatMute.until("typed by hand")).isEqualTo(ChatMute.FOREVER); // silence is the safer reading
        assertThat(StaffNotice.decode("mute 42")).isEmpty();
        assertThat(StaffNotice.decode("mute 42 soon")).isEmpty();
        assertThat(StaffNotice.decode("mute a/b 5")).isEmpty();
        assertThat(StaffNotice.decode("mute 42 5 extra")).isEmpty();
    }

    @Test
    void anythingElseIsNotANotice() {
        assertThat(StaffNotice.decode(null)).isEmpty();
        assertThat(StaffNotice.decode("kick ../../etc")).isEmpty();
        assertThat(StaffNotice.decode("announce !!!not base64")).isEmpty();
        assertThat(StaffNotice.decode("announce ")).isEmpty(); // empty message
        assertThat(StaffNotice.decode("reboot now")).isEmpty();
        assertThat(StaffNotice.decode("announce " + "A".repeat(5_000))).isEmpty();
        assertThatThrownBy(() -> new StaffNotice.Announcement("x".repeat(501))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StaffNotice.Kick("a b")).isInstanceOf(IllegalArgumentException.class);
    }
}
