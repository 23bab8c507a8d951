-- dialect: mysql
CREATE TABLE `users` (`id` int NOT NULL AUTO_INCREMENT PRIMARY KEY, `name` varchar(50)) ENGINE=InnoDB;
-- expect: info mysql-signed-auto-increment main.users.id
CREATE TABLE `logs` (`id` bigint NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;
-- expect: info mysql-signed-auto-increment main.logs.id
CREATE TABLE `items` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, `n` int NOT NULL) ENGINE=InnoDB;
