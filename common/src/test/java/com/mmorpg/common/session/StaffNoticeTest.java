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
    void theLongestAnnouncementsInAnyScriptSurviveTheWire() {
        // 500 CJK characters are 1,500 bytes of UTF-8, 2,009 characters encoded: over the former 2,000 bound
        StaffNotice.Announcement cjk = new StaffNotice.Announcement("告".repeat(StaffNotice.MAX_MESSAGE_CHARS));
        StaffNotice.Announcement emoji = new StaffNotice.Announcement("🎉".repeat(StaffNotice.MAX_MESSAGE_CHARS / 2));
        StaffNotice.Announcement mixed = new StaffNotice.Announcement("é告🎉".repeat(StaffNotice.MAX_MESSAGE_CHARS / 4));
        for (StaffNotice.Announcement announcement : new StaffNotice.Announcement[] {cjk, emoji, mixed}) {
            assertThat(announcement.encode().length()).isLessThanOrEqualTo(StaffNotice.MAX_ENCODED_CHARS);
            assertThat(StaffNotice.decode(announcement.encode())).contains(announcement);
        }
        assertThat(cjk.encode()).hasSize(StaffNotice.MAX_ENCODED_CHARS);
        assertThat(StaffNotice.decode(cjk.encode() + "AAAA")).isEmpty(); // one more than any valid notice
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
