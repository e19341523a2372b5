// sqlite_store.h — ServerStore on an embedded SQLite file, relais.db in the
// data folder: WAL (readers never wait for the writer) and synchronous=FULL
// (a committed push survives kill -9 and power loss).
#pragma once
#include <memory>
#include <string>

#include "store.h"

// Opens or creates <data_dir>/relais.db and brings its schema up to date.
// Throws relais::DbError with a message naming the file.
std::unique_ptr<ServerStore> OpenSqliteStore(const std::string& data_dir);

// The database file OpenSqliteStore uses for data_dir (tests inspect it).
std::string SqliteStorePath(const std::string& data_dir);
