-- Whole-table changes on an existing table.
CREATE TABLE `events` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `kind` varchar(20) NOT NULL,
  `payload` text NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `logs` (`id` int unsigned NOT NULL, `line` text) ENGINE=InnoDB;
-- migration
ALTER TABLE `events` ENGINE=InnoDB;
ALTER TABLE `events` FORCE;
ALTER TABLE `events` ROW_FORMAT=DYNAMIC;
ALTER TABLE `events` CONVERT TO CHARACTER SET utf8mb3;
ALTER TABLE `events` DEFAULT CHARSET=utf8mb4;
ALTER TABLE `events` AUTO_INCREMENT = 1000;
ALTER TABLE `logs` ADD PRIMARY KEY (`id`);
ALTER TABLE `logs` DROP PRIMARY KEY;
ALTER TABLE `logs` ADD COLUMN `seq` int unsigned NOT NULL AUTO_INCREMENT UNIQUE;
ALTER TABLE `events` RENAME TO `app_events`;
ALTER TABLE `app_events` ADD COLUMN `source` varchar(20) NULL, ADD INDEX `app_events_kind` (`kind`);
ALTER TABLE `app_events` DROP COLUMN `source`, MODIFY `kind` varchar(40) NOT NULL;
