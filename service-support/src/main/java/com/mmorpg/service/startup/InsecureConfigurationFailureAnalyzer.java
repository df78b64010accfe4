package com.mmorpg.service.startup;

import com.mmorpg.service.secrets.InsecureConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports refused production secrets in Boot's short start-up report, without a stack trace. */
public class InsecureConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InsecureConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InsecureConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Give every secret a random value of at least 32 bytes (e.g. openssl rand -base64 48), "
                        + "or run without the prod profile for development.", null);
    }
}
