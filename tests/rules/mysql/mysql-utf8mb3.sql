-- dialect: mysql
CREATE TABLE `legacy` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, `name` varchar(100)) ENGINE=InnoDB DEFAULT CHARSET=utf8;
-- expect: warning mysql-utf8mb3 main.legacy
CREATE TABLE `mixed` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, `code` varchar(10) CHARACTER SET utf8mb3 NOT NULL, `title` varchar(100)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- expect: warning mysql-utf8mb3 main.mixed.code
CREATE TABLE `modern` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, `name` varchar(100), `tag` varchar(10) CHARACTER SET ascii) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
