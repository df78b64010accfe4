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
