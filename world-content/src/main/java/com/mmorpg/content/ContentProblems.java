package com.mmorpg.content;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/** The problems found so far while reading a content folder: reading goes on past the first, so a studio sees them all at once. */
final class ContentProblems {

    private final List<ContentProblem> found = new ArrayList<>();

    void add(String file, String place, String message) {
        found.add(new ContentProblem(file, place, message));
    }

    /** A file that is not the JSON its reader expects: the place is the line and column Jackson stopped at. */
    void add(String file, JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        String place = at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
        add(file, place, "not valid JSON for this file: " + e.getOriginalMessage());
    }

    /** Adds the problem when {@code ok} is false; returns {@code ok}. */
    boolean check(boolean ok, String file, String place, String message) {
        if (!ok) {
            add(file, place, message);
        }
        return ok;
    }

    int size() {
        return found.size();
    }

    List<ContentProblem> all() {
        return List.copyOf(found);
    }
}
