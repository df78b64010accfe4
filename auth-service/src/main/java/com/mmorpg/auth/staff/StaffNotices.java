package com.mmorpg.auth.staff;

import com.mmorpg.common.session.StaffNotice;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

/** Tells every gateway what support staff decided ({@link StaffNotice} over Redis pub/sub). */
@Service
public class StaffNotices {

    private static final Logger log = LoggerFactory.getLogger(StaffNotices.class);

    private final StringRedisTemplate redis;
    private final MeterRegistry meters;

    StaffNotices(StringRedisTemplate redis, MeterRegistry meters) {
        this.redis = redis;
        this.meters = meters;
    }

    /** Publishes {@code notice}; how many gateways heard it, or -1 when Redis is away (nothing was told). */
    public long tell(StaffNotice notice) {
        try {
            Long gateways = redis.convertAndSend(StaffNotice.CHANNEL, notice.encode());
            meters.counter("auth.staff_notices", "outcome", "published").increment();
            return gateways == null ? 0 : gateways;
        } catch (RuntimeException e) {
            meters.counter("auth.staff_notices", "outcome", "failed").increment();
            log.warn("Staff notice not published ({}): gateways were not told", e.toString());
            return -1;
        }
    }
}
