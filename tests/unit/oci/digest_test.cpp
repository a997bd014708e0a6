#include "hoplite/oci/digest.hpp"

#include <gtest/gtest.h>

namespace hoplite::oci {
namespace {

TEST(Digest, OfKnownBytes) {
  EXPECT_EQ(Digest::of("").str(), "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // The empty descriptor's content, image-spec manifest.md.
  EXPECT_EQ(Digest::of("{}").str(), "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  EXPECT_EQ(Digest::of("hello").short_str(), "sha256:2cf24dba5fb0");
}

TEST(Digest, ParsesAndSplits) {
  auto d = Digest::parse("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  ASSERT_TRUE(d) << d.error().to_string();
  EXPECT_EQ(d->algorithm(), "sha256");
  EXPECT_EQ(d->encoded(), "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  EXPECT_TRUE(d->matches("{}"));
  EXPECT_FALSE(d->matches("{} "));
  EXPECT_EQ(*d, Digest::of("{}"));
}

TEST(Digest, RejectsWhatTheGrammarForbids) {
  for (const char* bad :
       {"", "sha256", "sha256:", ":abc", "SHA256:abc",
        "sha256:44136FA355B3678A1146AD16F7E8649E94FB4FC21FE77E8310C060F61CAAFF8A",  // upper-case hex
        "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8",   // 63 chars
        "sha256:zz136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", "sha+:abc", "sha256:abc/def"}) {
    auto d = Digest::parse(bad);
    EXPECT_FALSE(d) << bad;
    if (!d) {
      EXPECT_EQ(d.error().code, "oci.digest");
    }
  }
}

TEST(Digest, AcceptsUnknownAlgorithmsThatMatchTheGrammar) {
  auto d = Digest::parse("multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->algorithm(), "multihash+base58");
  EXPECT_FALSE(d->matches("anything"));  // cannot verify what we cannot compute
}

TEST(Digest, FromHexRejectsBadInput) {
  EXPECT_THROW((void)Digest::from_sha256_hex("abc"), std::invalid_argument);
  EXPECT_EQ(Digest::from_sha256_hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            Digest::of(""));
}

}  // namespace
}  // namespace hoplite::oci
