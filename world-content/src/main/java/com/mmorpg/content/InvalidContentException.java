package com.mmorpg.content;

import java.util.List;
import java.util.stream.Collectors;

/** A content folder that services must not run on: every problem found, each with its file and place. */
public class InvalidContentException extends RuntimeException {

    private final List<ContentProblem> problems;

    public InvalidContentException(String folder, List<ContentProblem> problems) {
        super("the content folder " + folder + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":"
                + problems.stream().map(problem -> "\n  " + problem).collect(Collectors.joining()));
        this.problems = List.copyOf(problems);
    }

    public List<ContentProblem> problems() {
        return problems;
    }
}
