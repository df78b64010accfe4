package com.mmorpg.auth.characterclass;

import com.mmorpg.auth.content.ContentSync;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** The playable classes, read once at start-up after {@link ContentSync} wrote the content folder's {@code classes.json}. */
@Service
public class CharacterClasses {

    private final Map<Integer, CharacterClass> byId;
    private final List<CharacterClass> all;

    CharacterClasses(CharacterClassRepository repository, ContentSync synced) {
        this.all = repository.findAll().stream().sorted(Comparator.comparing(CharacterClass::getId)).toList();
        this.byId = all.stream().collect(Collectors.toUnmodifiableMap(CharacterClass::getId, Function.identity()));
    }

    public List<CharacterClass> all() {
        return all;
    }

    public Optional<CharacterClass> find(long id) {
        return id > Integer.MAX_VALUE || id < 0 ? Optional.empty() : Optional.ofNullable(byId.get((int) id));
    }
}
