"""A real S3-compatible server for the tests: moto's, started in this process on
127.0.0.1 (a free port), with one empty bucket. Nothing leaves the machine: the
storage options name the local endpoint, and the AWS_* variables of the child
processes are replaced (no credentials, region or metadata lookups from outside).
"""

import os
import socket


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalS3:
    def __init__(self, bucket="lance-bridge-test"):
        from moto.server import ThreadedMotoServer  # imported here: callers check.require("moto.server") first

        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.bucket = bucket
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)

    def __enter__(self):
        # In this process too (pylance, pyarrow): no caller's AWS_* settings, no
        # instance-metadata lookups; every client is told this server's endpoint.
        for key in [k for k in os.environ if k.startswith("AWS_")]:
            del os.environ[key]
        os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
        self.server.start()
        self.client().create_bucket(Bucket=self.bucket)
        return self

    def __exit__(self, *exc):
        self.server.stop()

    def client(self):
        import boto3

        return boto3.client("s3", endpoint_url=self.endpoint, region_name="us-east-1",
                            aws_access_key_id="testing", aws_secret_access_key="testing")

    def options(self):
        """Storage options for lance (pylance and lance-bridge alike)."""
        return {"aws_endpoint": self.endpoint, "aws_region": "us-east-1", "aws_access_key_id": "testing",
                "aws_secret_access_key": "testing", "allow_http": "true"}

    def cli_options(self):
        return [arg for key, value in self.options().items() for arg in ("--storage-option", f"{key}={value}")]

    def env(self, with_credentials=False):
        """An environment for child processes: no AWS_* of the caller's; with
        `with_credentials`, this server's settings as AWS_* variables."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env["AWS_EC2_METADATA_DISABLED"] = "true"
        if with_credentials:
            env.update({"AWS_ENDPOINT": self.endpoint, "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing",
                        "AWS_SECRET_ACCESS_KEY": "testing", "AWS_ALLOW_HTTP": "true"})
        return env

    def objects(self, prefix):
        """Every object under `prefix`, as the listing gives it (Key, Size, ...)."""
        objects, token = [], None
        while True:
            kwargs = {"Bucket": self.bucket, "Prefix": prefix}
            if token:
                kwargs["ContinuationToken"] = token
            page = self.client().list_objects_v2(**kwargs)
            objects += page.get("Contents", [])
            token = page.get("NextContinuationToken")
            if not token:
                return objects

    def keys(self, prefix):
        """Every object key under `prefix`."""
        return sorted(o["Key"] for o in self.objects(prefix))
