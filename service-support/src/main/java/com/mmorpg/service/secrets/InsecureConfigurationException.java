package com.mmorpg.service.secrets;

import java.util.List;

/** The {@code prod} profile found development or weak secrets; start-up stops. */
public class InsecureConfigurationException extends RuntimeException {

    public InsecureConfigurationException(List<String> problems) {
        super("Refusing to start with the prod profile: " + String.join("; ", problems));
    }
}
