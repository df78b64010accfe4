package com.mmorpg.service.startup;

import com.mmorpg.service.config.UnusableConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an unusable setting in Boot's short start-up report, without a stack trace. */
public class UnusableConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<UnusableConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnusableConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the environment variable named above (see README, Configuration) and start again.", null);
    }
}
