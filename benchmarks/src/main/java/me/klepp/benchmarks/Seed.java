package me.klepp.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A friends' catalog at scale, written straight into PostgreSQL the way the services leave it: users (four in
 * five with a profile picture), tags, clips uploaded over about a year (one in ten a picture, one in fifty hidden),
 * all processed with thumbnail, poster and preview, 0-3 tags each with a few popular tags, and likes.
 */
final class Seed {

	private Seed() {
	}

	static void run(Database db, Scale scale) throws SQLException {
		try (Connection connection = db.connect()) {
			update(connection, """
					insert into app_user (id, name, avatar_key, created_at)
					select gen_random_uuid(), 'friend' || lpad(i::text, 2, '0'),
					       case when i % 5 <> 0 then 'avatars/friend' || lpad(i::text, 2, '0') || '.jpg' end,
					       now() - interval '400 days'
					from generate_series(1, ?) i""", scale.users());
			update(connection, """
					insert into tag (id, name, created_at)
					select gen_random_uuid(), 'game-' || lpad(i::text, 3, '0'), now() - interval '400 days'
					from generate_series(1, ?) i""", scale.tags());
			update(connection, """
					with u as (select array_agg(id order by name) as ids, array_agg(name order by name) as names, count(*) as n
					           from app_user where name like 'friend%'),
					     g as (select i, gen_random_uuid() as id, i % 10 = 0 as picture,
					                  now() - (? - i) * interval '5 minutes' - random() * interval '4 minutes' as at
					           from generate_series(1, ?) i)
					insert into media_file (id, object_key, owner_id, display_name, content_type, media_kind, hidden,
					    declared_size, upload_state, size_bytes, etag, uploaded_at, created_at, last_sequencer,
					    processing_state, thumbnail_key, thumbnail_width, thumbnail_height, poster_key, poster_width,
					    poster_height, preview_key, rotation, duration_ms, width, height, video_codec, fps, has_audio,
					    bitrate, processed_at)
					select g.id, u.names[1 + g.i % u.n] || '/' || g.id || case when g.picture then '.png' else '.mp4' end,
					       u.ids[1 + g.i % u.n], 'clip ' || g.i, case when g.picture then 'image/png' else 'video/mp4' end,
					       case when g.picture then 'image' else 'video' end, g.i % 50 = 7,
					       null, 'uploaded', 1000000 + (g.i::bigint * 7919) % 90000000, md5(g.id::text),
					       g.at, g.at - interval '3 seconds', lpad(to_hex(g.i), 16, '0'),
					       'done', g.id || '/thumbnail.jpg', 480, 270, g.id || '/poster.jpg', 1280, 720,
					       case when g.picture then null else g.id || '/preview.mp4' end, 0,
					       case when g.picture then null else 5000 + (g.i::bigint * 104729) % 115000 end, 1920, 1080,
					       case when g.picture then null else 'h264' end, case when g.picture then null else 60 end,
					       not g.picture, case when g.picture then null else 8000000 end, g.at + interval '20 seconds'
					from g, u""", scale.clips(), scale.clips());
			update(connection, """
					insert into media_file_tag (file_id, tag_id)
					select distinct f.id, t.ids[1 + floor(power(random(), 2) * t.n)::int]
					from media_file f,
					     (select array_agg(id order by name) as ids, count(*) as n from tag) t,
					     generate_series(1, 3) k
					where random() < 0.6
					on conflict do nothing""");
			double share = Math.min(1.0, scale.likes() * 1.03 / ((double) scale.clips() * scale.users()));
			update(connection, """
					insert into media_like (file_id, user_id, liked_at)
					select f.id, u.id, f.uploaded_at + random() * interval '3 days'
					from media_file f cross join app_user u
					where u.name like 'friend%' and random() < ?
					limit ?""", share, scale.likes());
			update(connection, """
					update media_file f set like_count = l.n
					from (select file_id, count(*) as n from media_like group by file_id) l
					where f.id = l.file_id""");
		}
		db.execute("vacuum analyze");
	}

	private static void update(Connection connection, String sql, Object... params) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				statement.setObject(i + 1, params[i]);
			}
			statement.executeUpdate();
		}
	}

}
