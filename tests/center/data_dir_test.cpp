// The data directory: where it defaults to, and that it is created private.
#include "center/data_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include "store/temp_dir.h"

namespace cherha::center {
namespace {

namespace fs = std::filesystem;

// Sets (or unsets, for nullopt) an environment variable for the life of the object.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value)
            ::setenv(name, value->c_str(), 1);
        else
            ::unsetenv(name);
    }
    ~ScopedEnv() {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }

  private:
    const char* name_;
    std::optional<std::string> old_;
};

TEST(DefaultDataDir, CherhaDataDirComesFirst) {
    ScopedEnv a("CHERHA_DATA_DIR", "/srv/cherha");
    ScopedEnv b("XDG_DATA_HOME", "/xdg");
    ScopedEnv c("HOME", "/home/admin");
    EXPECT_EQ(default_data_dir(), fs::path("/srv/cherha"));
}

TEST(DefaultDataDir, ThenXdgDataHome) {
    ScopedEnv a("CHERHA_DATA_DIR", std::nullopt);
    ScopedEnv b("XDG_DATA_HOME", "/xdg");
    ScopedEnv c("HOME", "/home/admin");
    EXPECT_EQ(default_data_dir(), fs::path("/xdg/cherha"));
}

TEST(DefaultDataDir, EmptyAndRelativeValuesAreIgnored) {
    ScopedEnv a("CHERHA_DATA_DIR", "");
    ScopedEnv b("XDG_DATA_HOME", "relative/dir");
    ScopedEnv c("HOME", "/home/admin");
    EXPECT_EQ(default_data_dir(), fs::path("/home/admin/.local/share/cherha"));
}

TEST(DefaultDataDir, WithoutHomeUsesThePasswordDatabase) {
    ScopedEnv a("CHERHA_DATA_DIR", std::nullopt);
    ScopedEnv b("XDG_DATA_HOME", std::nullopt);
    ScopedEnv c("HOME", std::nullopt);
    const fs::path dir = default_data_dir();
    EXPECT_FALSE(dir.empty());
    EXPECT_EQ(dir.filename(), fs::path("cherha"));
}

TEST(DatabasePath, IsCherhaDbInTheDirectory) {
    EXPECT_EQ(database_path("/srv/cherha"), fs::path("/srv/cherha/cherha.db"));
}

TEST(EnsureDataDir, CreatesTheDirectoryAndItsParentsOwnerOnly) {
    store::testing::TempDir temp;
    const fs::path dir = fs::path(temp.file("a")) / "b" / "data";
    EXPECT_FALSE(ensure_data_dir(dir));
    ASSERT_TRUE(fs::is_directory(dir));
    struct stat st {};
    ASSERT_EQ(::stat(dir.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0077, 0u) << std::oct << st.st_mode;
    EXPECT_EQ(st.st_mode & 0700, 0700u);
    // A second call accepts the existing directory.
    EXPECT_FALSE(ensure_data_dir(dir));
}

TEST(EnsureDataDir, RefusesAFileInTheWay) {
    store::testing::TempDir temp;
    const fs::path file = temp.file("not-a-dir");
    std::ofstream(file) << "x";
    auto problem = ensure_data_dir(file);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->code, "data_dir.invalid");
    EXPECT_EQ(problem->param("reason"), "not_a_directory");
    EXPECT_EQ(problem->param("path"), file.string());
    EXPECT_TRUE(fs::is_regular_file(file));  // untouched
}

TEST(EnsureDataDir, RefusesADanglingSymlink) {
    store::testing::TempDir temp;
    const fs::path link = temp.file("link");
    fs::create_symlink(temp.file("nowhere"), link);
    auto problem = ensure_data_dir(link);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->param("reason"), "not_a_directory");
}

TEST(EnsureDataDir, RefusesAnEmptyPathAndAParentThatIsAFile) {
    auto empty = ensure_data_dir("");
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->param("reason"), "empty");

    store::testing::TempDir temp;
    const fs::path file = temp.file("file");
    std::ofstream(file) << "x";
    auto below = ensure_data_dir(file / "data");
    ASSERT_TRUE(below);
    EXPECT_EQ(below->code, "data_dir.invalid");
    EXPECT_EQ(below->param("reason"), "cannot_create");
}

}  // namespace
}  // namespace cherha::center
