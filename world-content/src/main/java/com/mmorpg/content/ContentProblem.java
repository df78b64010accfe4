package com.mmorpg.content;

/**
 * One thing wrong with a content folder, where a studio finds it: the file (relative to the folder,
 * {@code maps/3.tmj}), the place in it ({@code row 4 column 7}, {@code gate "To the Crypt"},
 * {@code line 12, column 5}; empty when the whole file is meant) and what is wrong.
 */
public record ContentProblem(String file, String place, String message) {

    @Override
    public String toString() {
        return (file.isEmpty() ? "" : file + ": ") + (place.isEmpty() ? "" : place + ": ") + message;
    }
}
