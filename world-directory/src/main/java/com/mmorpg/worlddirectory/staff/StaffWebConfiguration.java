package com.mmorpg.worlddirectory.staff;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every route under {@code /admin} goes through the {@link StaffGate}. */
@Configuration(proxyBeanMethods = false)
class StaffWebConfiguration implements WebMvcConfigurer {

    private final StaffGate gate;

    StaffWebConfiguration(StaffGate gate) {
        this.gate = gate;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(gate).addPathPatterns("/admin/**");
    }
}
