package com.mmorpg.service.startup;

import com.mmorpg.common.token.WeakSecretException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A signing secret too short for HS256 (in any profile): a short report naming it, without a stack trace. */
public class WeakSecretFailureAnalyzer extends AbstractFailureAnalyzer<WeakSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WeakSecretException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Give every signing secret a random value of at least 32 bytes (e.g. openssl rand -base64 48).", null);
    }
}
