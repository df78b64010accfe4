package com.mmorpg.service.startup;

import com.mmorpg.service.secrets.InsecureConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports refused secrets (production, or development ones on a public interface) in Boot's short start-up report, without a stack trace. */
public class InsecureConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InsecureConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InsecureConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), null);
    }
}
