#include "render/shader.h"

#include <stdexcept>
#include <vector>

namespace pc::gui {
namespace {

GLuint compile(const char* name, GLenum type, const char* src) {
    GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &src, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        GLint len = 0;
        glGetShaderiv(s, GL_INFO_LOG_LENGTH, &len);
        std::vector<char> log(std::size_t(len) + 1);
        glGetShaderInfoLog(s, len, nullptr, log.data());
        glDeleteShader(s);
        throw std::runtime_error(std::string("shader '") + name + (type == GL_VERTEX_SHADER ? ".vert" : ".frag") +
                                 "' does not compile: " + log.data());
    }
    return s;
}

}  // namespace

ShaderProgram::ShaderProgram(const char* name, const char* vs, const char* fs) {
    GLuint v = compile(name, GL_VERTEX_SHADER, vs);
    GLuint f = compile(name, GL_FRAGMENT_SHADER, fs);
    id_ = glCreateProgram();
    glAttachShader(id_, v);
    glAttachShader(id_, f);
    glLinkProgram(id_);
    glDeleteShader(v);
    glDeleteShader(f);
    GLint ok = 0;
    glGetProgramiv(id_, GL_LINK_STATUS, &ok);
    if (!ok) {
        GLint len = 0;
        glGetProgramiv(id_, GL_INFO_LOG_LENGTH, &len);
        std::vector<char> log(std::size_t(len) + 1);
        glGetProgramInfoLog(id_, len, nullptr, log.data());
        glDeleteProgram(id_);
        id_ = 0;
        throw std::runtime_error(std::string("shader program '") + name + "' does not link: " + log.data());
    }
}

ShaderProgram::~ShaderProgram() {
    if (id_) glDeleteProgram(id_);
}

ShaderProgram& ShaderProgram::operator=(ShaderProgram&& o) noexcept {
    if (this != &o) {
        if (id_) glDeleteProgram(id_);
        id_ = o.id_;
        o.id_ = 0;
    }
    return *this;
}

}  // namespace pc::gui
