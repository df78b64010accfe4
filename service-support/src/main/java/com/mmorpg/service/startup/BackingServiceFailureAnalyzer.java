package com.mmorpg.service.startup;

import com.mmorpg.common.net.BackingServiceUnreachableException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unreachable backing server (PostgreSQL, Redis, ...) into Boot's short start-up report, without a stack trace. */
public class BackingServiceFailureAnalyzer extends AbstractFailureAnalyzer<BackingServiceUnreachableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BackingServiceUnreachableException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Start the server or point " + cause.setting() + " at a running one.", null);
    }
}
