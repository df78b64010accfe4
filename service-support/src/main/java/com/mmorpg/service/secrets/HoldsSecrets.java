package com.mmorpg.service.secrets;

import java.util.Map;

/** Typed configuration that carries secrets, so the {@code prod} profile can vet them at start-up. */
public interface HoldsSecrets {

    /** Each secret by the environment variable that sets it ({@code JWT_SECRET} → its value). */
    Map<String, String> secrets();
}
