package me.klepp.api.files;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import me.klepp.api.auth.CurrentUser;
import me.klepp.api.problems.Problems;
import me.klepp.api.tags.TagCreations;
import me.klepp.api.tags.TagNames;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Edits by the owner or a moderator; tags named in an edit are created when new. */
@Service
class FileEdits {

	private final DatabaseClient db;

	private final FileCatalog catalog;

	private final TransactionalOperator transaction;

	private final TagCreations tagCreations;

	FileEdits(DatabaseClient db, FileCatalog catalog, TransactionalOperator transaction, TagCreations tagCreations) {
		this.db = db;
		this.catalog = catalog;
		this.transaction = transaction;
		this.tagCreations = tagCreations;
	}

	Mono<VideoView> apply(FileEdit edit, CurrentUser caller) {
		Set<String> tags = edit.tags() == null ? null : new LinkedHashSet<>(
				edit.tags().stream().map(tag -> TagNames.validated(tag.name())).toList());
		return mayChange(edit.path(), caller)
			.flatMap(file -> update(file.id(), edit, tags, caller).as(transaction::transactional))
			.then(Mono.defer(() -> catalog.view(edit.path(), caller)));
	}

	/** The file if the caller may change it: 404 when they cannot see it, 403 when they can but do not own it. */
	Mono<FileRecord> mayChange(String key, CurrentUser caller) {
		return catalog.visible(key, caller).map(file -> {
			if (!caller.moderator() && !file.ownedBy(caller.username())) {
				throw Problems.of(HttpStatus.FORBIDDEN, "only the owner of " + key + " or a moderator may change it");
			}
			return file;
		});
	}

	private Mono<Void> update(UUID fileId, FileEdit edit, Set<String> tags, CurrentUser caller) {
		var update = db.sql("""
				update media_file set display_name = coalesce(:name, display_name), hidden = coalesce(:hidden, hidden)
				where id = :id""").bind("id", fileId);
		update = edit.displayName() == null ? update.bindNull("name", String.class)
				: update.bind("name", edit.displayName().strip());
		update = edit.hidden() == null ? update.bindNull("hidden", Boolean.class) : update.bind("hidden", edit.hidden());
		Mono<Void> fields = update.then();
		if (tags == null) {
			return fields;
		}
		Mono<Void> clear = db.sql("delete from media_file_tag where file_id = :id").bind("id", fileId).then();
		Mono<Void> link = Flux.fromIterable(tags)
			.concatMap(tag -> db.sql("""
					insert into tag (id, name, created_by)
					values (:id, :name, (select id from app_user where lower(name) = lower(:creator)))
					on conflict (lower(name)) do nothing""")
				.bind("id", UUID.randomUUID())
				.bind("name", tag)
				.bind("creator", caller.username())
				.fetch()
				.rowsUpdated()
				// A new tag counts against the caller's limit; over it, the whole edit is rolled back.
				.doOnNext(created -> {
					if (created > 0) {
						tagCreations.count(caller.username());
					}
				})
				.then(db.sql("""
						insert into media_file_tag (file_id, tag_id)
						select :file, id from tag where lower(name) = lower(:name) on conflict do nothing""")
					.bind("file", fileId)
					.bind("name", tag)
					.then()))
			.then();
		return fields.then(clear).then(link);
	}

}
