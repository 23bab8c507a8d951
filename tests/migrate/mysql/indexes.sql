-- Index and key changes on an existing table.
CREATE TABLE `posts` (
  `id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `author_id` int unsigned NOT NULL,
  `title` varchar(200) NOT NULL,
  `body` text NULL,
  `slug` varchar(100) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `authors` (`id` int unsigned NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE `tags` (`name` varchar(30) NOT NULL, `post_id` int unsigned NOT NULL) ENGINE=InnoDB;
-- migration
ALTER TABLE `posts` ADD INDEX `posts_author` (`author_id`);
CREATE UNIQUE INDEX `posts_slug` ON `posts` (`slug`);
ALTER TABLE `posts` RENAME INDEX `posts_author` TO `posts_author_id`;
DROP INDEX `posts_slug` ON `posts`;
ALTER TABLE `posts` DROP INDEX `posts_author_id`;
ALTER TABLE `posts` ADD CONSTRAINT `posts_author_fk` FOREIGN KEY (`author_id`) REFERENCES `authors` (`id`);
ALTER TABLE `posts` DROP FOREIGN KEY `posts_author_fk`;
SET foreign_key_checks = 0;
ALTER TABLE `posts` ADD CONSTRAINT `posts_author_fk2` FOREIGN KEY (`author_id`) REFERENCES `authors` (`id`);
SET foreign_key_checks = 1;
ALTER TABLE `posts` ADD CONSTRAINT `posts_title_check` CHECK (`title` <> '');
ALTER TABLE `posts` DROP CONSTRAINT `posts_title_check`;
ALTER TABLE `tags` ADD PRIMARY KEY (`name`, `post_id`);
ALTER TABLE `posts` ADD FULLTEXT INDEX `posts_body_ft` (`body`);
ALTER TABLE `posts` ADD INDEX `posts_title` (`title`);
ALTER TABLE `posts` ENGINE=InnoDB;
